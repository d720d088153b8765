/** The decision service's version, in provenance and status labels. */
export const SERVICE_VERSION = '0.1.0';
