"""The script PyInstaller freezes: the same entry point as the ``nn-playground`` command.

launcher.main calls multiprocessing.freeze_support() first, so the training process
(started with "spawn", which re-runs this executable) never gets past it.
"""

import sys

from playground.launcher import main

if __name__ == "__main__":
    sys.exit(main())
