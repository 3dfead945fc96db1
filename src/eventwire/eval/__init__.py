"""eventwire.eval"""
