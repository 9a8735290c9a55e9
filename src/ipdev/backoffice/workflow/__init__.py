"""Back-office workflow pages (outside the admin): requests, plans, strategies, results."""
