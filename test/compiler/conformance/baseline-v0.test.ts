import { describeRatchet } from './ratchet.js';

describeRatchet('v0', 1600);
