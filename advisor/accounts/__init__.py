"""The rep's account: the account file's model, the vocabulary (terms) and enrichment into flat facts."""
