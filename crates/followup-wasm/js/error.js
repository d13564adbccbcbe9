// The error case-followup throws for input it cannot use: an `Error` with
// the first problem's `code` and `path`, and `errors`, every problem found
// (`{code, path, message}`, paths such as `config.rules[0].followUps.count`).
// The wasm module creates it through this class, so `instanceof` works for
// every error it throws; the package exports the same class.
export class FollowupError extends Error {
  constructor(message, errors) {
    super(message);
    this.name = "FollowupError";
    this.code = errors[0]?.code ?? "invalid-value";
    this.path = errors[0]?.path ?? "";
    this.errors = errors;
  }
}
