"""Word documents (催报通知, 督办通知, 进展通报) in the official format (GB/T 9704-2012)."""
