"""Views: widgets that draw a run's snapshots (output, network, loss, gradients, batch norm)."""
