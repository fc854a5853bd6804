from netreport.cli import main

main()
