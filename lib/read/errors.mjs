// The one error the readers throw: its message says what is wrong with the file and what to do;
// `code` lets callers (the CLI, tests) tell the kinds apart without parsing the message.
export class ReadError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'ReadError';
    this.code = code;
  }
}
