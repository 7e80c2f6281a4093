import { serveProcessRequests } from './adapters/process-server.js';
serveProcessRequests();
