import { loadEntityExtractor } from './services/enricher/src/entities/index';
const ex = loadEntityExtractor();
console.log(JSON.stringify(ex.extract('Chinese President Xi Jinping met German Chancellor Olaf Scholz in Beijing. Xi said.', 'eng')));
console.log(JSON.stringify(ex.extract('Председатель КНР Си Цзиньпин принял канцлера Германии Олафа Шольца.', 'rus')));
