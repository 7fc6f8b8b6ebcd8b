"""The rep's feedback on actions (done, snoozed, dismissed), kept so advice remembers it."""
