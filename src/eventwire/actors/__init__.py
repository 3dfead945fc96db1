"""eventwire.actors"""
