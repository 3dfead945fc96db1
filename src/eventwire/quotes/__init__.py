"""eventwire.quotes"""
