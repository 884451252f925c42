"""Writing the brief's own words with the model: gists of what each key actor says. Every
line the model writes is checked against the sentences it rests on, and replaced by the
article's own words when it fails."""
