"""Transfers between tenants (mutasi antar daerah): the transfer file and what the destination enrols."""
