"""The `riwayat` command line: one module per subcommand, assembled by `riwayat.cli.main`.

A subcommand module has `register(sub)`, which adds its parser to the `riwayat` parser's subparsers and
sets `run` on it: `run(settings, args) -> exit code`. One that needs the database writes `async def
run(svc, args) -> int` under `@with_services` (`riwayat.cli.base`). `main.COMMANDS` lists the modules.
"""
