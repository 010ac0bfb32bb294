/** Messages of the command line itself (usage, exit). */
export const cliMessages = {
  usageError: (detail: string) => `Usage error: ${detail}\nRun "hmo --help" for the commands, or "hmo <command> --help" for one command.`,
  unexpectedError: (detail: string) => `Error: ${detail}`,
  notAFolder: (option: string, value: string, created: boolean) =>
    `Usage error: --${option} ${value} is a file; it must name a folder${created ? ' (created when missing)' : ''}.`,
} as const;
