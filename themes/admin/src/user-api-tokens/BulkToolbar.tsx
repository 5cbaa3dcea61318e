import { Checkbox, Dropdown, DropdownItem, DropdownList, MenuToggle, ToolbarItem } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { BulkAction } from "./api";

type Props = {
  /** Rows ticked on this page. */
  selected: number;
  /** Tokens the filter matches (GET …/tokens/count); undefined while unknown. */
  matching?: number;
  allMatching: boolean;
  onAllMatching: (all: boolean) => void;
  onAction: (action: BulkAction) => void;
};

const ACTIONS: BulkAction[] = ["disable", "delete", "expire"];

/** "All n matching the filter" and the bulk action menu, which acts on that or on the ticked rows. */
export const BulkToolbar = ({ selected, matching, allMatching, onAllMatching, onAction }: Props) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const targets = allMatching ? matching ?? 1 : selected;
  return (
    <>
      <ToolbarItem alignSelf="center">
        <Checkbox
          id="bulk-all-matching"
          data-testid="bulk-all-matching"
          label={matching === undefined ? t("apiTokensAllMatching") : t("apiTokensAllMatchingCount", { count: matching })}
          isChecked={allMatching}
          onChange={(_event, checked) => onAllMatching(checked)}
        />
      </ToolbarItem>
      <ToolbarItem>
        <Dropdown
          isOpen={open}
          onOpenChange={setOpen}
          onSelect={() => setOpen(false)}
          toggle={(ref) => (
            <MenuToggle ref={ref} onClick={() => setOpen(!open)} isExpanded={open} isDisabled={targets === 0} data-testid="bulk-toggle">
              {allMatching ? t("apiTokensBulkMatching") : t("apiTokensBulkSelected", { count: selected })}
            </MenuToggle>
          )}
        >
          <DropdownList>
            {ACTIONS.map((action) => (
              <DropdownItem key={action} data-testid={`bulk-${action}`} onClick={() => onAction(action)}>
                {t(`apiTokensBulkAction_${action}`)}
              </DropdownItem>
            ))}
          </DropdownList>
        </Dropdown>
      </ToolbarItem>
    </>
  );
};
