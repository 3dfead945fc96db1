"""eventwire.scale"""
