import express from 'express';

/** Parses JSON bodies up to 64 kB. */
export function jsonBody(): express.RequestHandler {
  return express.json({ limit: '64kb', type: ['application/json', 'application/*+json'] });
}
