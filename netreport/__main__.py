from netreport.cli import run

run()
