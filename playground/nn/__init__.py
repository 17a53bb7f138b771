"""The network in torch: the model built from a design, the probes that look inside it, the device it runs on."""
