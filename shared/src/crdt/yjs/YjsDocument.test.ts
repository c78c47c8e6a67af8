import { runDocumentContract } from '../../testing/documentContract';
import { yjsEngine } from './YjsDocument';

runDocumentContract(yjsEngine);
