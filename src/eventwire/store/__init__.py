"""eventwire.store"""
