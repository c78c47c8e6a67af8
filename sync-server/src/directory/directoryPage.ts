import type { DirectoryQuery } from '@ensemble/shared';
import type { StoredListing } from './DirectoryStore';

const TEXTS = {
  fr: {
    title: 'Annuaire des communautés',
    intro:
      'Les communautés qui ont choisi d’apparaître sur ce relais, avec ce qu’elles ont rendu public.',
    theme: 'Thème',
    themes: 'Thèmes',
    city: 'Ville',
    search: 'Rechercher',
    none: 'Aucune communauté ne correspond à cette recherche.',
    count: (n: number) => (n === 1 ? '1 communauté' : `${n} communautés`),
    events: 'Prochains événements publics',
    join: 'Demander à rejoindre',
    sponsorship: 'Sur parrainage : un membre vous fait entrer.',
    contact: 'Contact :',
    feed: 'Flux JSON',
    locale: 'fr-FR',
  },
  en: {
    title: 'Community directory',
    intro: 'Communities that chose to appear on this relay, with what they made public.',
    theme: 'Theme',
    themes: 'Themes',
    city: 'City',
    search: 'Search',
    none: 'No community matches this search.',
    count: (n: number) => (n === 1 ? '1 community' : `${n} communities`),
    events: 'Next public events',
    join: 'Ask to join',
    sponsorship: 'By sponsorship: a member lets you in.',
    contact: 'Contact:',
    feed: 'JSON feed',
    locale: 'en-GB',
  },
} as const;
export type PageLanguage = keyof typeof TEXTS;

/** French unless the browser prefers English (Accept-Language). */
export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}

const html = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function when(start: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(start));
}

function card(entry: StoredListing, t: (typeof TEXTS)[PageLanguage]): string {
  const { listing } = entry;
  const themes = listing.themes.map((theme) => `<li>#${html(theme)}</li>`).join('');
  const events = listing.events
    .map(
      (e) =>
        `<li><strong>${html(e.title)}</strong><br>${html(when(e.start, t.locale))}${
          e.place ? ` · ${html(e.place)}` : ''
        }</li>`,
    )
    .join('');
  const join =
    listing.join.kind === 'open'
      ? `<p><a class="join" href="${html(listing.join.url)}">${t.join}</a></p>`
      : `<p>${t.sponsorship}<br>${t.contact} ${html(listing.join.contact)}</p>`;
  return `<li class="community" id="c-${entry.id}" data-testid="directory-entry">
<h2>${html(listing.name)}</h2>
${listing.city ? `<p class="city">${html(listing.city)}</p>` : ''}
${themes ? `<ul class="themes" aria-label="${t.themes}">${themes}</ul>` : ''}
${events ? `<h3>${t.events}</h3><ul class="events">${events}</ul>` : ''}
${join}
</li>`;
}

/** The directory page: a search form (works without JavaScript) and the matching listings. */
export function renderDirectoryPage(
  entries: readonly StoredListing[],
  query: DirectoryQuery,
  language: PageLanguage,
): string {
  const t = TEXTS[language];
  const list =
    entries.length === 0
      ? `<p data-testid="directory-empty">${t.none}</p>`
      : `<ul class="list">${entries.map((entry) => card(entry, t)).join('\n')}</ul>`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · Ensemble</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;line-height:1.5;color:#1b1b1f}
form{display:grid;gap:.5rem;margin:1rem 0}label{font-weight:600}
input{font:inherit;padding:.5rem;border:1px solid #888;border-radius:.4rem}
button,.join{font:inherit;padding:.5rem 1rem;border-radius:.4rem;background:#1d5fa5;color:#fff;border:0;text-decoration:none;display:inline-block}
.list{list-style:none;padding:0;display:grid;gap:1rem}.community{border:1px solid #ccc;border-radius:.6rem;padding:1rem}
.community h2{margin:0}.themes{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}.city{margin:.25rem 0;color:#444}
</style>
</head>
<body>
<main>
<h1>${t.title}</h1>
<p>${t.intro}</p>
<form method="get" action="/directory" role="search">
<label for="theme">${t.theme}</label>
<input id="theme" name="theme" value="${html(query.theme ?? '')}" autocomplete="off">
<label for="city">${t.city}</label>
<input id="city" name="city" value="${html(query.city ?? '')}" autocomplete="address-level2">
<p><button type="submit">${t.search}</button></p>
</form>
<p role="status" data-testid="directory-count">${t.count(entries.length)}</p>
${list}
<p><a href="/directory.json">${t.feed}</a></p>
</main>
</body>
</html>`;
}
