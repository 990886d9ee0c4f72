export { file, type OpfsFileInput, type OpfsFileOutput } from './file.js';
