// ProfileDay
