export { db } from './db.js';
export { file, type OpfsFileInput, type OpfsFileOutput } from './file.js';
