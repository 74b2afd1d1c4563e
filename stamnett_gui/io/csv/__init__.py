"""CSV: a network as a sites table and a links table.

The package is named for the format; its modules import the standard library's
``csv`` absolutely (``import csv``), which Python 3 never resolves to this package.
"""
