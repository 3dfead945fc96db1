"""Time and place: resolving dates against the publication date, geolocating places."""
