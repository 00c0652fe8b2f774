// User-facing errors: a one-line reason (with file:line:col for files) and exit status 2.

export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    readonly location?: { file: string; line: number; col: number },
  ) {
    super(message);
    this.name = 'InputError';
  }
  /** `file:line:col: message`, or the message alone. */
  render(): string {
    const l = this.location;
    return l ? `${l.file}:${l.line}:${l.col}: ${this.message}` : this.message;
  }
}

/** Several input errors found at once (schema validation reports them all). */
export class InputErrors extends Error {
  readonly exitCode = 2;
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.render()).join('\n'));
    this.name = 'InputErrors';
  }
  render(): string {
    return this.message;
  }
}

export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
  render(): string {
    return `usage error: ${this.message}`;
  }
}

export function isUserError(e: unknown): e is InputError | InputErrors | UsageError {
  return e instanceof InputError || e instanceof InputErrors || e instanceof UsageError;
}
