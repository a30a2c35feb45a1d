"""Running notebooks into published reports: execute, render, publish, index."""
