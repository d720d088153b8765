import { describeRatchet } from './ratchet.js';

describeRatchet('v1', 1600);
