"""Adapting a trained model to one person's handwriting ("Learn my handwriting").

adapt.py: the entry; adapt_config.py: its settings and result; adaptation_run.py: one
run (AdaptationRun); fine_tune.py: fine-tuning a network's tail with distillation;
trajectory_adapt.py: the same for the trajectory network the adapted model carries.
"""
