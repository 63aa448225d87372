from qingdan.cli import main

main()
