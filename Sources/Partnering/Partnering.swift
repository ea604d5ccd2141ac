// Partnering
