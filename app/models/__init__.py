"""The app's trained models (checkpoints): which one is active, loading and checking one,
and the saved ones.

model_manager.py: ModelManager; model_loading.py: load_usable and the start-up job;
saved_models.py: Model > Saved Models > Manage.
"""
