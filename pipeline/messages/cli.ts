/** Messages of the command line itself (usage, exit). */
export const cliMessages = {
  usageError: (detail: string) => `Usage error: ${detail}\nRun "hmo --help" for the commands, or "hmo <command> --help" for one command.`,
  unexpectedError: (detail: string) => `Error: ${detail}`,
} as const;
