import { PortcullisError } from '../common/errors.js';

/**
 * Every way a bundle can be refused. `location` names the bundle source and,
 * where one is involved, the file inside it.
 */
export type BundleErrorCode =
  | 'bundle_unreadable'
  | 'bundle_archive_invalid'
  | 'bundle_too_large'
  | 'bundle_manifest_invalid'
  | 'bundle_data_invalid'
  | 'bundle_data_outside_roots'
  | 'bundle_data_conflict'
  | 'bundle_roots_overlap'
  | 'bundle_wasm_missing'
  | 'bundle_signature_missing'
  | 'bundle_signature_unexpected'
  | 'bundle_signature_invalid'
  | 'bundle_signature_scope'
  | 'bundle_file_tampered'
  | 'bundle_file_unsigned'
  | 'bundle_file_missing'
  | 'bundle_signing_failed'
  | 'bundle_key_unreadable';

export class BundleError extends PortcullisError {
  declare readonly code: BundleErrorCode;
  readonly location?: string;

  constructor(code: BundleErrorCode, message: string, options: { location?: string; cause?: unknown } = {}) {
    super(code, options.location ? `${options.location}: ${message}` : message, {
      status: 400,
      cause: options.cause,
    });
    this.name = 'BundleError';
    this.location = options.location;
  }
}
