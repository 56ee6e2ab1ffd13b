from partreg.cli.app import main

main()
