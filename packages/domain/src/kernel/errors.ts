/**
 * A refusal: a stable `code` a program can switch on, the `facts` that led to it, and a
 * `message` a person can act on. Refusals are values (`Left`), never exceptions.
 */
export interface DomainError<Code extends string = string, Facts = Readonly<Record<string, unknown>>> {
  readonly code: Code;
  readonly facts: Facts;
  readonly message: string;
}

/** Builds a {@link DomainError}. */
export const domainError = <Code extends string, Facts>(code: Code, facts: Facts, message: string): DomainError<Code, Facts> => ({
  code,
  facts,
  message,
});
