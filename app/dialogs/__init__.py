"""The dialogs that run or show one thing: Help and About, Evaluate, and the base of the
dialogs that run a background job (job_dialog.py: closing never waits for the job).
"""
