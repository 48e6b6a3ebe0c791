"""The forms of Recovery Routines: the options flow, the routine subentries.

config_flow.py at the integration root, where Home Assistant looks for it,
keeps the config flow and takes the other flows from here.
"""
