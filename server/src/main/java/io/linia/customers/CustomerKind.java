package io.linia.customers;

/**
 * What a card describes. Fixed when the card is created: a person does not turn into a company.
 * Organization cards carry name, holding and industry; person cards carry the name parts,
 * position and an optional link to their organization's card.
 */
public enum CustomerKind {
    PERSON,
    ORGANIZATION
}
