"""Heat sessions on the heating pad's plug, with a cutoff no path can defeat."""
