from qingdan.launch import main

main()
