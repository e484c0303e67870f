/**
 * A value given by a person that the domain rules cannot accept. `field` names the input field
 * (e.g. "value", "ratio", "weights") so that callers can point at it.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
