import { defineMessages } from '../../i18n/featureMessages';

/** The form that adds an event, in French and English. */
export const addEventMessages = defineMessages(
  {
    'field.title': 'Titre',
    'field.start': 'Début',
    'field.end': 'Fin',
    'field.place': 'Lieu',
    'addEvent.title': 'Ajouter un évènement',
    'addEvent.timeZoneHint': 'Heures dans votre fuseau horaire ({timeZone}).',
    'addEvent.submit': 'Ajouter l’évènement',
    'recurrence.weekly': 'Chaque semaine',
    'recurrence.none': 'Une seule fois',
    'recurrence.option.everyNWeeks': 'Toutes les N semaines',
    'recurrence.option.monthlyByDay': 'Chaque mois (ex. le 11)',
    'recurrence.option.monthlyByWeekday': 'Chaque mois (ex. 2e mardi)',
    'field.capacity': 'Nombre de places',
    'field.capacityHint': 'Laissez vide pour ne pas limiter.',
    'field.recurrence': 'Répétition',
    'field.interval': 'Toutes les combien de semaines',
    'field.until': 'Jusqu’au',
  },
  {
    'field.title': 'Title',
    'field.start': 'Start',
    'field.end': 'End',
    'field.place': 'Place',
    'addEvent.title': 'Add an event',
    'addEvent.timeZoneHint': 'Times in your time zone ({timeZone}).',
    'addEvent.submit': 'Add the event',
    'recurrence.weekly': 'Every week',
    'recurrence.none': 'Just once',
    'recurrence.option.everyNWeeks': 'Every N weeks',
    'recurrence.option.monthlyByDay': 'Monthly (e.g. the 11th)',
    'recurrence.option.monthlyByWeekday': 'Monthly (e.g. 2nd Tuesday)',
    'field.capacity': 'Number of seats',
    'field.capacityHint': 'Leave empty for no limit.',
    'field.recurrence': 'Repeats',
    'field.interval': 'Every how many weeks',
    'field.until': 'Until',
  },
);

export type AddEventMessageKey = keyof typeof addEventMessages.fr;
