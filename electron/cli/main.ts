/** `mnist-lab <command>`: the lab's services and engine from a terminal. */
const USAGE = `Usage: mnist-lab <command> [options]

Commands:
  dataset download|import|verify|list   get and check datasets
  train [--preset chollet-ch2] …         train a model in this terminal
  help                                  this text
`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`mnist-lab: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`mnist-lab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
