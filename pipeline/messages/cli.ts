/** Messages of the command line itself (usage, exit). */
export const cliMessages = {
  usageError: (detail: string) => `Usage error: ${detail}\nRun "npx hmo --help" for the commands, or "npx hmo <command> --help" for one command.`,
  unexpectedError: (detail: string) => `Error: ${detail}`,
  interrupted: (signal: string) =>
    `Interrupted (${signal === 'SIGINT' ? 'Ctrl-C' : signal}): stopped. Every output is written whole or not at all, so nothing half-written is left; run the same command again to finish (npx hmo run reuses the stages that were done).`,
  notAFolder: (option: string, value: string, created: boolean) =>
    `Usage error: --${option} ${value} is a file; it must name a folder${created ? ' (created when missing)' : ''}.`,
} as const;
