import { runDocumentContract } from '../../testing/documentContract';
import { automergeEngine } from './AutomergeDocument';

runDocumentContract(automergeEngine);
