"""What the user configured around a run: config files, per-file settings, globs, suppression
comments, the ignore sidecar, baselines, and `checkrun`, which applies them to the runner's results.
"""
